# syntax=docker/dockerfile:1
#
# MyHibachi API image: one image for every role (APP_ROLE=api | worker | all) and for migrations.
#   docker build -t myhibachi-api:local .
#   docker run --rm -e DATABASE_URL=... -e REDIS_URL=... myhibachi-api:local node dist/src/migrate.js run
#   docker run -e APP_ROLE=api -e DATABASE_URL=... -e REDIS_URL=... -p 3000:3000 myhibachi-api:local
# docker-compose.yml wires it to PostgreSQL and Redis for a local production-like stack.

# --- build: every dependency (TypeScript, the `node` dev package, ...) and the compiled dist/ ---
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
RUN npm run build

# --- prod-deps: production dependencies only, installed from the same lock file ---
FROM node:24-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime: production node_modules + dist/ + package.json ("type": "module"), nothing else ---
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Files stay root-owned (read-only for the app user): the app writes nothing to disk, it logs to stdout.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Liveness only (no dependency checks); uses node's fetch because the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The app drains on SIGTERM and exits 0. With the exec form node is PID 1 and receives the signal
# itself (it installs SIGTERM/SIGINT handlers); compose adds an init (`init: true`) to reap zombies.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
