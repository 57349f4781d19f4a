export { outcomeEntities } from './entities/outcome.entities';
export { OutcomesModule } from './outcomes.module';
export { DocumentService } from './services/document.service';
