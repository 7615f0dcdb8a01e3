# nightshift in a container: the image `nightshift export k8s --image IMAGE` runs.
#   docker build -t registry.example/nightshift:1 .
#   docker build --build-arg CLAUDE_CODE_VERSION=2.1.330 -t registry.example/nightshift:1-claude .   # with Claude Code
# Node LTS (22 by default; --build-arg NODE_VERSION=24 for the next). nightshift itself runs on Node 20 and later.
ARG NODE_VERSION=22

# Stage 1: the build. dist/ is not in the repository: esbuild (a dev dependency) makes it.
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build now, before the sources are copied
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# Stage 2: what runs. The package as npm installs it: bin/, dist/ and the production dependencies.
FROM node:${NODE_VERSION}-slim
ARG CLAUDE_CODE_VERSION=
# tini as PID 1: it forwards the CronJob's SIGTERM to nightshift and reaps what a runner's children leave behind
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
RUN ln -s /app/bin/nightshift.js /usr/local/bin/nightshift \
 && if [ -n "$CLAUDE_CODE_VERSION" ]; then \
      npm install -g "@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}" && npm cache clean --force; \
    fi \
 && mkdir -p /nightshift \
 && chown node:node /nightshift
ENV NODE_ENV=production \
    NIGHTSHIFT_HOME=/nightshift
# the image's own non-root user (uid 1000): the exported pods run as it, with fsGroup 1000 on the home
USER node
# the home: every agent file, journal, lock and output. In Kubernetes the shared PersistentVolumeClaim is mounted here.
VOLUME /nightshift
WORKDIR /nightshift
ENTRYPOINT ["/usr/bin/tini", "--", "nightshift"]
CMD ["status"]
