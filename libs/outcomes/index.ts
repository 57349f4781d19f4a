export { outcomeEntities } from './entities/outcome.entities';
export { OutcomesModule } from './outcomes.module';
