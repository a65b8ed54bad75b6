// Composition root. Until the ledger lands, it prints the units self-check.
import { creditEffortMilli, formatEffortMilli, minutes, weightMilli } from './core/units.ts';

const credit = creditEffortMilli(minutes(180), weightMilli(500));
console.log(`3 h at weight 0.500 credit ${formatEffortMilli(credit)} WH`);
