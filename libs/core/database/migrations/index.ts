import { Initial1795450643054 } from './1795450643054-initial';
import { Isolation1795450700000 } from './1795450700000-isolation';
import { Cases1795461230614 } from './1795461230614-cases';
import { CasesIsolation1795461300000 } from './1795461300000-cases-isolation';
import { BtreeGist1795464900000 } from './1795464900000-btree-gist';
import { Scheduling1795464907175 } from './1795464907175-scheduling';
import { SchedulingIsolation1795464950000 } from './1795464950000-scheduling-isolation';
import { SessionConsole1795470000000 } from './1795470000000-session-console';
import { SessionConsoleIsolation1795470050000 } from './1795470050000-session-console-isolation';
import { VideoConsents1795470100000 } from './1795470100000-video-consents';
import { VideoIsolation1795470100001 } from './1795470100001-video-isolation';
import { VideoRecordings1795470100002 } from './1795470100002-video-recordings';
import { VideoRecordingsIsolation1795470100003 } from './1795470100003-video-recordings-isolation';
import { Messaging1795470200000 } from './1795470200000-messaging';
import { Outcomes1795470300000 } from './1795470300000-outcomes';
import { OutcomesIsolation1795470300001 } from './1795470300001-outcomes-isolation';
import { DocumentContent1795470400000 } from './1795470400000-document-content';
import { SignedTermsTrigger1795470400001 } from './1795470400001-signed-terms-trigger';
import { Statistics1795470500000 } from './1795470500000-statistics';
import { StatisticsRollups1795470500001 } from './1795470500001-statistics-rollups';
import { CaseConcludedIndexes1795470600000 } from './1795470600000-case-concluded-indexes';
import { AmendTerms1795470700000 } from './1795470700000-amend-terms';
import { StatisticsBranchIndexes1795470900000 } from './1795470900000-statistics-branch-indexes';
import { RoomOutlets1795471000000 } from './1795471000000-room-outlets';
import { AccessVersion1795471100000 } from './1795471100000-access-version';
import { Operations1795471200000 } from './1795471200000-operations';
import { MessageCaseNumber1795471300000 } from './1795471300000-message-case-number';

/** Every migration, in order. New ones come from `npm run migration:generate`. */
export const migrations: Function[] = [
  Initial1795450643054,
  Isolation1795450700000,
  Cases1795461230614,
  CasesIsolation1795461300000,
  BtreeGist1795464900000,
  Scheduling1795464907175,
  SchedulingIsolation1795464950000,
  SessionConsole1795470000000,
  SessionConsoleIsolation1795470050000,
  VideoConsents1795470100000,
  VideoIsolation1795470100001,
  VideoRecordings1795470100002,
  VideoRecordingsIsolation1795470100003,
  Messaging1795470200000,
  Outcomes1795470300000,
  OutcomesIsolation1795470300001,
  DocumentContent1795470400000,
  SignedTermsTrigger1795470400001,
  Statistics1795470500000,
  StatisticsRollups1795470500001,
  CaseConcludedIndexes1795470600000,
  AmendTerms1795470700000,
  StatisticsBranchIndexes1795470900000,
  RoomOutlets1795471000000,
  AccessVersion1795471100000,
  Operations1795471200000,
  MessageCaseNumber1795471300000,
];
