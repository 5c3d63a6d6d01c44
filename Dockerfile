# Portico's container image.
#
#   docker build -t portico .
#   podman build --format docker -t portico .      # --format docker keeps the HEALTHCHECK
#
# The build stage compiles the TypeScript and better-sqlite3 (from source, against the headers that
# come with Node); the final stage holds Node, the production dependencies and the compiled
# program, owned by root and run by the unprivileged user `portico` (uid 10001). The database,
# the demo's secret and the outbox live in the volume /app/data. Settings come from the
# environment (docs/configuration.md); the image listens on 0.0.0.0:3000.
#
# A private registry or its credentials: pass an .npmrc as the build secret `npmrc`
# (`--secret id=npmrc,src=$HOME/.npmrc`); it is mounted for `npm ci` only, never written to a layer.
# `npm run test:container` builds and runs this file against PostgreSQL.

ARG BASE=node:22-bookworm-slim

FROM ${BASE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# node-gyp takes Node's headers from the Node installation instead of downloading them, and
# better-sqlite3 is compiled here rather than fetched as a prebuilt binary.
ENV npm_config_nodedir=/usr/local \
    npm_config_build_from_source=true \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Compile, keep the production dependencies only, and of src/ only what the program reads at run
# time (stylesheets, scripts and icons under src/web/assets).
RUN npx tsc -p tsconfig.build.json \
 && npm prune --omit=dev \
 && rm -rf node_modules/better-sqlite3/build/Release/obj.target node_modules/better-sqlite3/deps \
 && find src -type f \( -name '*.ts' -o -name '*.tsx' \) -delete

FROM ${BASE}
RUN groupadd --system --gid 10001 portico \
 && useradd --system --uid 10001 --gid portico --home-dir /app --no-create-home --shell /usr/sbin/nologin portico
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/src ./src
RUN chmod 0755 dist/src/main.js \
 && ln -s /app/dist/src/main.js /usr/local/bin/portico \
 && install -d -m 0700 -o portico -g portico /app/data
ENV PORTICO_HOST=0.0.0.0 \
    PORTICO_PORT=3000
USER portico
VOLUME ["/app/data"]
EXPOSE 3000
# Ready when the database answers. It asks the port the server listens on (PORTICO_PORT), on the
# loopback: keep PORTICO_HOST 0.0.0.0, :: or 127.0.0.1 and set the port in the environment.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORTICO_PORT || '3000') + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["portico", "serve"]
