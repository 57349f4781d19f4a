// Loads the demo data when the database has no organisations (`npm run seed`).
import { loadDist, databaseUrl } from './lib/dist.mjs';

const { seedDemo, DEMO_USERS, DEMO_PASSWORD } = loadDist('libs/demo/index.js');
const ids = await seedDemo(databaseUrl());
if (ids) {
  console.log(`demo data loaded: ${Object.keys(ids.organisations).length} organisations, ${DEMO_USERS.length} users (password ${DEMO_PASSWORD})`);
} else {
  console.log('demo data: the database already has organisations, nothing loaded');
}
