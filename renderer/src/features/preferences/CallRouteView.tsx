import { useTranslation } from 'react-i18next';
import type { CallEnd, CallRoute } from './call-route';

interface Step {
  text: string;
  /** The condition on the arrow into this step. */
  label?: string;
}

/** "Where will my calls go?": one sentence, and a small diagram the sentence describes. */
export function CallRouteView({ route }: { route: CallRoute }) {
  const { t } = useTranslation();
  const endPhrase = (end: CallEnd) =>
    end.kind === 'forward'
      ? t('callRoute.end.forward', { target: end.target })
      : end.kind === 'voicemail'
        ? t('callRoute.end.voicemail')
        : t('callRoute.end.missed');
  const endBox = (end: CallEnd) =>
    end.kind === 'forward'
      ? t('callRoute.box.forward', { target: end.target })
      : end.kind === 'voicemail'
        ? t('callRoute.box.voicemail')
        : t('callRoute.box.missed');

  const call: Step = { text: t('callRoute.box.call') };
  let sentence: string;
  // Each row of the diagram is a path a call can take, left to right.
  let rows: Step[][];
  switch (route.kind) {
    case 'do-not-disturb':
      sentence = t('callRoute.doNotDisturb', { end: endPhrase(route.then) });
      rows = [[call, { text: t('callRoute.box.doNotDisturb') }, { text: endBox(route.then) }]];
      break;
    case 'forward-always':
      sentence = t('callRoute.forwardAlways', { target: route.target });
      rows = [[call, { text: t('callRoute.box.forward', { target: route.target }) }]];
      break;
    case 'ring': {
      const same = JSON.stringify(route.noAnswer) === JSON.stringify(route.busy);
      const ring = { text: t('callRoute.box.ring', { seconds: route.seconds }) };
      if (same) {
        sentence = t('callRoute.ringSame', { seconds: route.seconds, end: endPhrase(route.noAnswer) });
        rows = [[call, ring, { text: endBox(route.noAnswer) }]];
      } else {
        sentence = t('callRoute.ring', {
          seconds: route.seconds,
          noAnswer: endPhrase(route.noAnswer),
          busy: endPhrase(route.busy),
        });
        rows = [
          [call, ring, { label: t('callRoute.box.noAnswer'), text: endBox(route.noAnswer) }],
          [call, { label: t('callRoute.box.busy'), text: endBox(route.busy) }],
        ];
      }
      break;
    }
  }

  return (
    <section className="call-route" aria-labelledby="call-route-title">
      <h2 id="call-route-title">{t('callRoute.title')}</h2>
      <p className="call-route-sentence" aria-live="polite">
        {sentence}
      </p>
      <div className="call-route-diagram" aria-hidden="true">
        {rows.map((row, index) => (
          <ol key={index}>
            {row.map((step, position) => (
              <li key={position}>
                {step.label && <span className="call-route-label">{step.label}</span>}
                <span className="call-route-box">{step.text}</span>
              </li>
            ))}
          </ol>
        ))}
      </div>
    </section>
  );
}
