/**
 * The six parts of `natural` the goal parser uses, loaded from their own
 * files. `import 'natural'` loads the whole library (about 0.7 s, most of
 * start-up) and, through its storage back-ends, calls dotenv, so a `.env`
 * in the working directory would silently change Pathwise's configuration.
 * These files need neither. The types are natural's own.
 */
import { createRequire } from 'node:module';
import type * as Natural from 'natural';

const load = createRequire(import.meta.url);
const lib = 'natural/lib/natural/';

export const natural = {
  TfIdf: load(`${lib}tfidf/tfidf.js`) as typeof Natural.TfIdf,
  RegexpTokenizer: (load(`${lib}tokenizers/regexp_tokenizer.js`) as { RegexpTokenizer: typeof Natural.RegexpTokenizer }).RegexpTokenizer,
  PorterStemmer: load(`${lib}stemmers/porter_stemmer.js`) as typeof Natural.PorterStemmer,
  DamerauLevenshteinDistance: (load(`${lib}distance/levenshtein_distance.js`) as { DamerauLevenshteinDistance: typeof Natural.DamerauLevenshteinDistance })
    .DamerauLevenshteinDistance,
  JaroWinklerDistance: load(`${lib}distance/jaro-winkler_distance.js`) as typeof Natural.JaroWinklerDistance,
  stopwords: (load(`${lib}util/stopwords.js`) as { words: string[] }).words,
};
