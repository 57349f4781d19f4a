import { ConfigError, loadConfig } from '@accord/core';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApi();
  try {
    await app.listen(config.PORT, '0.0.0.0');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`Accord API cannot listen: port ${config.PORT} is already in use. Stop what listens there or set PORT to another port.`);
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(`Accord API failed to start: ${error.message.split('\n')[0]}`);
  process.exit(1);
});
