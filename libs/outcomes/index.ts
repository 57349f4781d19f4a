export { outcomeEntities } from './entities/outcome.entities';
export { outcomeMigrations } from './migrations';
export { OutcomesModule } from './outcomes.module';
export { OutcomeService } from './services/outcome.service';
export { FollowUpService } from './services/follow-up.service';
export { JudicialService } from './services/judicial.service';
export { DocumentService } from './services/document.service';
export { SurveyFacts } from './services/survey-facts.service';
export { loadFonts as loadChineseFonts, chineseDateTime } from './documents/document-pdf';
