# One image for every part; the command picks the part (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json tsconfig.json tsconfig.base.json turbo.json ./
COPY packages ./packages
COPY gateway ./gateway
COPY services ./services
RUN npm ci --no-audit --no-fund && npx turbo run build --filter=@zhiyuan/gateway --filter="./services/*"
USER node
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
