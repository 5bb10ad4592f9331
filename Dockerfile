# Production image: one image, three processes (api, worker, hl7) chosen by the command.
# Node.js 22 LTS ("Jod"); the code also runs on Node 20.10+ (package.json engines) for development.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=3000
WORKDIR /app
# Runtime dependencies only, installed from the lockfile (no dev tools in the image).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
COPY --from=build /app/config ./config
COPY --from=build /app/scripts/temporal-binaries.js ./scripts/temporal-binaries.js
# Non-root (the image's `node` user, uid 1000); the root filesystem can be read-only: nothing is written under /app.
USER 1000:1000
EXPOSE 3000 2575 9464
# api: node dist/api/server.js (default) | worker: node dist/worker/main.js | hl7: node dist/hl7/main.js
CMD ["node", "dist/api/server.js"]
