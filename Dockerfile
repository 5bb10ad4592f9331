# Production image: one image, two processes (api, worker) chosen by the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
COPY --from=build /app/scripts/temporal-binaries.js ./scripts/temporal-binaries.js
USER node
EXPOSE 3000
# api: node dist/api/server.js (default) | worker: node dist/worker/main.js
CMD ["node", "dist/api/server.js"]
