// Loads the demo data when the database has no organisations (`npm run seed`). It is one
// transaction: a failure leaves the database as empty as it was, and the next start retries.
import { loadDist, databaseUrl } from './lib/dist.mjs';

const { seedDemo, DEMO_USERS, DEMO_PASSWORD } = loadDist('libs/demo/index.js');
try {
  const ids = await seedDemo(databaseUrl());
  if (ids) {
    console.log(`demo data loaded: ${Object.keys(ids.organisations).length} organisations, ${DEMO_USERS.length} users (password ${DEMO_PASSWORD})`);
  } else {
    console.log('demo data: the database already has organisations, nothing loaded');
  }
} catch (error) {
  console.error(`✖ loading the demo data failed: ${error.message.split('\n')[0]}. Nothing of it was kept (one transaction); fix the cause and run \`npm start\` again.`);
  process.exit(2); // said in one line: npm start adds nothing
}
