import { ConfigError, validateEnvironment } from '@accord/core';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApi();
  await app.listen(config.PORT, '0.0.0.0');
}

main().catch((error: Error) => {
  console.error(`Accord API failed to start: ${error.message}`);
  process.exit(1);
});
