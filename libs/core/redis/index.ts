export * from "./redis.module";
