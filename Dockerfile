# Pathwise: one image for the worker (and, once the Slack/Discord adapters land,
# the platform bots). No build step: tsx (a runtime dependency) loads the
# TypeScript sources, so `npm ci --omit=dev` is enough.
FROM node:20-slim

ENV NODE_ENV=production
WORKDIR /app

# Pictures (charts, the path) set their labels in DejaVu Sans; resvg finds it here.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY src ./src
COPY roadmaps ./roadmaps
COPY commands ./commands
# O*NET subset, technology mapping, plain-words descriptions and word vectors, read on first need.
COPY data ./data
COPY policies ./policies

# The embedded store's files (only used without MONGODB_URL) go here.
RUN mkdir -p /app/.pathwise && chown node:node /app/.pathwise
USER node

ENTRYPOINT ["node", "bin/pathwise.js"]
CMD ["help"]
