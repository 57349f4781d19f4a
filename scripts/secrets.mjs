// Generates this installation's secrets (token signing, personal-data keys) at its first start,
// into var/secrets.env (or ACCORD_SECRETS_FILE), mode 0600, never in git. Later starts keep them.
import { loadDist } from './lib/dist.mjs';

const { ensureInstallationSecrets, secretsFilePath } = loadDist('libs/core/config/installation-secrets.js');
const file = secretsFilePath();
if (ensureInstallationSecrets(file)) {
  console.log(`secrets: generated for this installation in ${file} (mode 0600; back it up — it holds the keys to the personal data)`);
} else {
  console.log(`secrets: ${file}`);
}
