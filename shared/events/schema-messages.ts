// English messages for the zod/mini schemas the Lambda handlers validate events with. zod/mini (not
// classic zod) because classic zod costs about 25 ms of a cold start just to load, zod/mini about 4
// (`npm run bench -- --only coldstart`); it carries no messages of its own. Import it for its effect.
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
