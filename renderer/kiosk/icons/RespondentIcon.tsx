import { IconSvg } from './IconSvg';
import { RESPONDENT_ICON_DRAWINGS, type RespondentKind } from './respondent-icon-shapes';

/** The picture of who is answering, decorative: its button carries the name. */
export function RespondentIcon({ kind }: { kind: RespondentKind }) {
  return <IconSvg drawing={RESPONDENT_ICON_DRAWINGS[kind]} className="respondent-icon" />;
}
