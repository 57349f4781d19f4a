FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["node", "-r", "./dist/aliases.js", "dist/apps/api/src/main.js"]
