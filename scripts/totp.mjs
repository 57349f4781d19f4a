#!/usr/bin/env node
// Prints the current 6-digit code of a TOTP secret (the key shown beside the QR code on 安全设置),
// for trying the second factor without a phone: `npm run totp -- JBSWY3DPEHPK3PXP`.
import { generate } from 'otplib';

const secret = process.argv[2];
if (!secret || !/^[A-Z2-7]+=*$/i.test(secret)) {
  console.error('usage: npm run totp -- <base32 secret shown beside the QR code>');
  process.exit(1);
}
let code;
try {
  code = await generate({ secret: secret.toUpperCase() });
} catch (error) {
  console.error(`not a usable secret: ${error.message}`);
  process.exit(1);
}
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${code}  (valid ${left} s more, and 30 s after that)`);
