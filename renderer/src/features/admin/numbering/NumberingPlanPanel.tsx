// The numbering plan: how many digits an extension has, the range each kind of extension is taken
// from, and (read only) the feature codes phones dial to reach the office itself. The office
// refuses a plan that would leave existing extensions outside it and lists them; so does this
// panel, for those already outside.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCode } from '../../../../../common/api/feature-codes';
import { ExtensionNumber } from '../../../../../common/api/primitives';
import {
  EXTENSION_KINDS,
  MAX_EXTENSION_LENGTH,
  MIN_EXTENSION_LENGTH,
  type ExtensionKind,
  type ExtensionRanges,
  type NumberingPlan,
} from '../../../../../common/api/numbering-plan';
import { useIpc, useSubmit } from '../../../app/use-ipc';
import { ConflictList } from '../../../ui/ConflictList';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormError } from '../../../ui/FormError';
import { refused } from '../../../ui/FormDialog';
import { useFirstProblemInView, useScreenFeedback } from '../../../ui/feedback';
import { SaveRow } from '../../../ui/SaveRow';
import { useAdminApi } from '../admin-api';
import { PanelHead } from '../PanelHead';
import { Loading } from '../PanelStatus';
import { featureCodeKey } from './feature-code-keys';

const KIND_KEYS: Record<ExtensionKind, string> = {
  extension: 'admin.numbering.users',
  'ring-group': 'admin.numbering.ringGroups',
  receptionist: 'admin.numbering.receptionists',
  conference: 'admin.numbering.conferences',
};

export function NumberingPlanPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [plan, reload] = useIpc(() => admin.numberingPlan({}), 'numbering-plan');
  return (
    <div className="stack">
      <PanelHead title={t('admin.sections.numbering')} />
      <Loading state={plan} onRetry={reload}>
        {(value) => <NumberingPlanForm plan={value} />}
      </Loading>
    </div>
  );
}

function NumberingPlanForm({ plan }: { plan: NumberingPlan }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const form = useRef<HTMLFormElement>(null);
  // Kept as typed: an emptied field must not turn into 0 under the admin's fingers.
  const [length, setLength] = useState(String(plan.extensionLength));
  const [ranges, setRanges] = useState<ExtensionRanges>(plan.ranges);
  const [conflicts, setConflicts] = useState(plan.conflicts);
  const [saved, setSaved] = useScreenFeedback<true>();
  const { busy, error, submit } = useSubmit(
    () => {
      setSaved(null);
      return admin.changeNumberingPlan({ body: { extensionLength: Number(length), ranges } });
    },
    (changed) => {
      setConflicts(changed.conflicts);
      setSaved(true);
    },
  );
  useFirstProblemInView(form, error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const edit = (kind: ExtensionKind, end: 'first' | 'last', value: string) =>
    setRanges({ ...ranges, [kind]: { ...ranges[kind], [end]: value.trim() } });

  return (
    <form ref={form} className="stack admin-numbering" onSubmit={onSubmit}>
      <p className="hint">{t('admin.numbering.intro')}</p>
      <FormError error={error} />
      {conflicts.length > 0 && (
        <div className="alert" role="status">
          {t('admin.numbering.outside')}
          <ConflictList conflicts={conflicts} />
        </div>
      )}
      <TextField
        id="numbering-length"
        label={t('admin.numbering.length')}
        type="number"
        required
        min={MIN_EXTENSION_LENGTH}
        max={MAX_EXTENSION_LENGTH}
        step={1}
        value={length}
        invalid={refused(error, 'extensionLength')}
        onChange={setLength}
      />
      {EXTENSION_KINDS.map((kind) => (
        <fieldset key={kind} className="admin-fieldset numbering-range">
          <legend>{t(KIND_KEYS[kind])}</legend>
          {(['first', 'last'] as const).map((end) => (
            <TextField
              key={end}
              id={`numbering-${kind}-${end}`}
              label={t(end === 'first' ? 'admin.numbering.from' : 'admin.numbering.to')}
              inputMode="numeric"
              {...textLimits(ExtensionNumber)}
              required
              value={ranges[kind][end]}
              invalid={refused(error, `ranges.${kind}.${end}`) || refused(error, `ranges.${kind}`)}
              onChange={(value) => edit(kind, end, value)}
            />
          ))}
        </fieldset>
      ))}
      <SaveRow busy={busy} label={t('admin.common.save')} saved={saved && t('admin.numbering.saved')} />
      <FeatureCodes codes={plan.featureCodes} />
    </form>
  );
}

/** The feature codes, read only: what a phone dials, and what it does. */
export function FeatureCodes({ codes }: { codes: FeatureCode[] }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="feature-codes-title">
      <h3 id="feature-codes-title">{t('featureCodes.title')}</h3>
      <p className="hint">{t('featureCodes.intro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('featureCodes.code')}</th>
            <th scope="col">{t('featureCodes.action')}</th>
          </tr>
        </thead>
        <tbody>
          {codes.map((feature) => (
            <tr key={feature.code}>
              <td>
                {feature.takesExtension
                  ? t('featureCodes.withExtension', { code: feature.code })
                  : feature.code}
              </td>
              <td>{t(featureCodeKey(feature.action))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
