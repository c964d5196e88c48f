/**
 * Evaluation metrics for predicted probabilities of a correct answer.
 */

/**
 * Area under the ROC curve: the probability that a randomly chosen correct
 * answer got a higher prediction than a randomly chosen incorrect one, ties
 * counting one half (the Mann-Whitney U statistic / (n₊ n₋), as sklearn's
 * roc_auc_score computes it):
 *   AUC = ( Σ₊ #{negatives below it} + ½ #{negatives equal to it} ) / (n₊ n₋)
 * Sorts the positive and negative predictions separately (native numeric
 * typed-array sort) and merges. NaN when either class is empty.
 */
export function auc(pred: Float64Array, label: Uint8Array, length: number = pred.length): number {
  let nPos = 0;
  for (let i = 0; i < length; i++) nPos += label[i]!;
  const nNeg = length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  for (let i = 0, a = 0, b = 0; i < length; i++) {
    if (label[i] === 1) pos[a++] = pred[i]!;
    else neg[b++] = pred[i]!;
  }
  pos.sort();
  neg.sort();
  let below = 0; // negatives strictly below the current positive
  let equalEnd = 0; // negatives ≤ the current positive
  let sum = 0;
  for (let i = 0; i < nPos; i++) {
    const x = pos[i]!;
    while (below < nNeg && neg[below]! < x) below++;
    if (equalEnd < below) equalEnd = below;
    while (equalEnd < nNeg && neg[equalEnd]! === x) equalEnd++;
    sum += below + 0.5 * (equalEnd - below);
  }
  return sum / nPos / nNeg;
}

/** Root mean squared error: √( Σ (yᵢ − pᵢ)² / n ). NaN when empty. */
export function rmse(pred: Float64Array, label: Uint8Array, length: number = pred.length): number {
  if (length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < length; i++) {
    const d = label[i]! - pred[i]!;
    s += d * d;
  }
  return Math.sqrt(s / length);
}
