import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the app shows this once (a temporary or SIP password), with a button that copies it;
 * put it in an element of class `secret`.
 */
export function Secret({ value, labelledBy }: { value: string; labelledBy?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };

  return (
    <>
      <code aria-labelledby={labelledBy}>{value}</code>
      <button className="button" type="button" onClick={() => void copy()}>
        {copied ? t('secret.copied') : t('secret.copy')}
      </button>
    </>
  );
}
