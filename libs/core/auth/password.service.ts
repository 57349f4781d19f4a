import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

@Injectable()
export class PasswordService {
  // Verifying against this when the user does not exist costs the same time as a real
  // check, so response times don't reveal which usernames exist.
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  }

  async verify(hashed: string | null, password: string): Promise<boolean> {
    this.dummy ??= this.hash(randomBytes(16).toString('hex'));
    try {
      return await verify(hashed ?? (await this.dummy), password);
    } catch {
      return false;
    }
  }
}
