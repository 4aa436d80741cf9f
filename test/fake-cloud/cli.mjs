// Plain-Node entry (`node test/fake-cloud/cli.mjs …`, `npm run fake-cloud -- …`): registers tsx, then runs cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
