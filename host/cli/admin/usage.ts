import { MAX_CODE_TTL_HOURS, DEFAULT_CODE_TTL_HOURS } from '../../../core/central-api';
import { templateHelp } from './template-help';

/** The texts of `--help`: the tool's, and each command's. Ids and counts come from core. */

const COMMON = `Common flags:
  --api URL              the central API's base URL, the part before /v1 (required)
  --admin-token T        the admin token; else HYMY_ADMIN_TOKEN (never printed)
  --help                 show this text
`;

const EXIT = `Exit status: 0 done; 2 the input was refused (by this tool or the central API); 3 the
API cannot be reached; 4 the admin token was refused; 1 anything else.
`;

const TEMPLATE = templateHelp();

export const TOOL_USAGE = `Usage: npm run admin -- <command> --api URL [--admin-token T] [flags]

Chooses built-in survey templates for units and terminals through the central API's admin
calls, without writing JSON. "npm run admin -- <command> --help" tells more.

Commands:
  templates    list the built-in survey templates and the items they offer
  code         make an enrollment code for a new terminal of a unit, asking a template
  set-survey   give an enrolled terminal a template's survey
  contact      turn contact requests on (or off) for terminals

${COMMON}
${EXIT}`;

export const TEMPLATES_USAGE = `Usage: npm run admin -- templates --api URL [--admin-token T] [--language fi|sv|en]

Lists the built-in survey templates (id, name, description), the basic statements of national
and the questions of children, with the flags that choose them.

  --language L           fi, sv or en (default en)
${COMMON}
${EXIT}`;

export const CODE_USAGE = `Usage: npm run admin -- code --api URL [--admin-token T] --unit ID --unit-name-fi TEXT
         [--unit-name-sv TEXT] [--unit-name-en TEXT] --template ID [template options]
         [--languages LIST] [--default-language L] [--ttl-hours N]

Makes a single-use enrollment code for a new terminal of the unit, asking the template's
survey. Prints "code <CODE> expires <time>" on stdout.

  --unit ID              the unit's id, e.g. khks-lapset (required)
  --unit-name-fi TEXT    the unit's name in Finnish (required)
  --unit-name-sv TEXT    in Swedish
  --unit-name-en TEXT    in English
  --languages LIST       the languages the terminal offers, e.g. fi,sv (default fi,sv,en)
  --default-language L   the language it starts in (default fi)
  --ttl-hours N          how long the code is valid (default ${DEFAULT_CODE_TTL_HOURS}, at most ${MAX_CODE_TTL_HOURS})

${TEMPLATE}
${COMMON}
${EXIT}`;

export const SET_SURVEY_USAGE = `Usage: npm run admin -- set-survey --api URL [--admin-token T] --terminal ID --template ID
         [template options]

Gives an enrolled terminal the template's survey in place of its own; the terminal picks it
up with its next config poll. Prints "survey <id> version <n> for <terminalId>" on stdout.

  --terminal ID          the terminal's id (GET /v1/admin/terminals lists them; required)

${TEMPLATE}
${COMMON}
${EXIT}`;

export const CONTACT_USAGE = `Usage: npm run admin -- contact --api URL [--admin-token T] --terminal ID|--all
         [--public-key KEY] [--reply-within-days N] [--off]

Turns contact requests on for a terminal, or for every terminal not revoked (--all): a visit
then ends by offering to be contacted, sealed with the county's public key. Prints
"contact on for <terminalId>" (or "off") for each terminal changed.

  --terminal ID            the terminal's id (GET /v1/admin/terminals lists them)
  --all                    every terminal that is not revoked
  --public-key KEY         the county's public key (the last line of npm run server -- keys);
                           left out, the server fills in its own key, if it has one
  --reply-within-days N    the days within which a contact request is answered (default 7)
  --off                    turn contact requests off instead

${COMMON}
${EXIT}`;
