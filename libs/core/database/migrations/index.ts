import { Initial1795450643054 } from './1795450643054-initial';
import { Isolation1795450700000 } from './1795450700000-isolation';
import { AccessVersion1795471100000 } from './1795471100000-access-version';
import { Operations1795471200000 } from './1795471200000-operations';
import { ApiKeyQuota1796612180290 } from './1796612180290-api-key-quota';
import { SecondFactor1796612331292 } from './1796612331292-second-factor';
import { AuditChain1796612504856 } from './1796612504856-audit-chain';
import { AfterCommitSignals1796619614901 } from './1796619614901-after-commit-signals';
import { UserLanguage1796613000000 } from './1796613000000-user-language';

/**
 * Core's migrations: the initial schema (accounts, organisations, audit, outbox), the roles and
 * the app_*() / auth_*() functions every RLS policy and sign-in relies on, the access version a
 * token is checked against, and the operations look-ups. Each domain lib keeps its own beside its
 * entities (libs/<lib>/migrations); libs/schema merges them all into the one ordered history
 * (core cannot import the libs above it).
 */
export const coreMigrations: Function[] = [
  Initial1795450643054,
  Isolation1795450700000,
  AccessVersion1795471100000,
  Operations1795471200000,
  ApiKeyQuota1796612180290,
  SecondFactor1796612331292,
  AuditChain1796612504856,
  AfterCommitSignals1796619614901,
  UserLanguage1796613000000,
];
