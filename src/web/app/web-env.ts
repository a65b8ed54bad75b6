// What the web app's pipeline hands its pages: the API's variables (who is asking, the request
// id and logger) and the reader's language.
import type { HttpEnv } from '../../http/env.ts';
import type { Lang } from '../../i18n/index.ts';

export interface WebEnv {
  Variables: HttpEnv['Variables'] & { lang: Lang };
}
