# One image for every part; the command picks the part (see docker-compose.yml).

# The workspace sources; both the build and the production install start from them. bench and the
# all-in-one launcher stack are workspaces too: npm ci refuses a lockfile whose workspaces are missing,
# so their package.json files come along.
FROM node:20-bookworm-slim AS sources
WORKDIR /app
# The npm that wrote package-lock.json (package.json "packageManager").
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json tsconfig.json tsconfig.base.json turbo.json codegen.ts ./
COPY packages ./packages
COPY gateway ./gateway
COPY services ./services
COPY web ./web
COPY stack/package.json ./stack/package.json
COPY bench/package.json ./bench/package.json

# Build with the devDependencies (turbo, tsx, esbuild, GraphQL Code Generator). NODE_ENV stays unset
# here: NODE_ENV=production would make npm ci leave them out. Turbo generates each subgraph's resolver
# types, then bundles every deployable, with the workspace packages inside, into <part>/dist/main.js.
FROM sources AS build
ENV TURBO_TELEMETRY_DISABLED=1
RUN npm ci --no-audit --no-fund
RUN npx turbo run build --filter=@zhiyuan/gateway --filter="./services/*" --filter=@zhiyuan/web

# What the bundles import at run time: the production dependencies of the deployables only (npm
# packages stay external to the bundles; the benchmark and the all-in-one launcher are left out).
FROM sources AS deps
RUN npm ci --omit=dev --no-audit --no-fund --include-workspace-root=false \
  -w @zhiyuan/gateway -w @zhiyuan/cases -w @zhiyuan/people-credit -w @zhiyuan/tasks -w @zhiyuan/metrics

# Run: plain node on the bundles. Beside them, the files read at run time come with the sources
# (gateway/supergraph.graphql, gateway/persisted-operations.json; each schema.graphql is copied into dist/).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app ./
COPY --from=build /app/gateway/dist ./gateway/dist
COPY --from=build /app/services/cases/dist ./services/cases/dist
COPY --from=build /app/services/people-credit/dist ./services/people-credit/dist
COPY --from=build /app/services/tasks/dist ./services/tasks/dist
COPY --from=build /app/services/metrics/dist ./services/metrics/dist
# The web console, served by the gateway from its own port (docs/web.md).
COPY --from=build /app/web/dist ./web/dist
ENV WEB_CONSOLE_DIR=/app/web/dist
# The gateway reads its safelist (only `npm run persist` writes it, outside the image).
COPY --from=deps /app/gateway/persisted-operations.json ./gateway/persisted-operations.json
# The Chinese font the gateway embeds in the PDF lists for the village notice wall (docs/exports.md).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/*
# The gateway's attachment storage (ATTACHMENT_DIR; docker-compose mounts a volume here), owned by
# the user the processes run as.
RUN mkdir -p /data/attachments && chown node:node /data/attachments
USER node
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
