# The product's image: every role (api, worker roles, cli, analytics-sink) from one build.
# docker build -t support-ops .   (infra/compose.yaml builds it for you)
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
# A young generation of 64 MB per semi-space: a service allocates per request (docs/operations.md).
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 3001
# The API; workers run dist/apps/worker/apps/worker/src/main.js, the CLI dist/apps/cli/apps/cli/src/main.js.
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
