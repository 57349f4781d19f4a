import { Injectable } from '@nestjs/common';
import { CaseLifecycle } from './case-lifecycle.service';
import { CaseReading } from './case-reading.service';

/**
 * TEMPORARY while other libs move to CaseReading / CaseLifecycle (issue 14, this session):
 * the old door's methods that other libs call, delegating. Removed before the issue closes.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly reading: CaseReading,
    private readonly lifecycle: CaseLifecycle,
  ) {}

  visible: CaseReading['visible'] = (id) => this.reading.visible(id);
  actionable: CaseReading['actionable'] = (id, action) => this.reading.actionable(id, action);
  contactOf: CaseReading['contactOf'] = (id, why) => this.reading.contactOf(id, why);
  get: CaseReading['get'] = (id) => this.reading.get(id);
  move: CaseLifecycle['move'] = (...args) => this.lifecycle.move(...args);
  note: CaseLifecycle['note'] = (...args) => this.lifecycle.note(...args);
  conclude: CaseLifecycle['conclude'] = (...args) => this.lifecycle.conclude(...args);
  amendOutcome: CaseLifecycle['amendOutcome'] = (...args) => this.lifecycle.amendOutcome(...args);
  changed: CaseLifecycle['changed'] = (...args) => this.lifecycle.changed(...args);
}
