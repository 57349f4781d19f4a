import { ConfigError, loadConfig } from '@accord/core';
import { createWorker } from './bootstrap';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  await createWorker();
  console.log('Accord worker running: outbox relay and job consumer');
}

main().catch((error: Error) => {
  console.error(`Accord worker failed to start: ${error.message}`);
  process.exit(1);
});
