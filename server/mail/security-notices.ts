// The office's built-in security mails (admins do not edit them): the owner of an account that
// wrong passwords locked, and the super admins when a template of a security mail changed.
import type { EmailTemplateKind } from '../../common/api/directory';
import type { Language } from '../../common/api/preferences';
import type { WriteAction } from '../directory/audit';
import type { MailText } from './mailer';

/** Placeholders: name, companyName, tries, addresses, firstAt, lastAt, until, portalUrl. */
export const LOCKOUT_NOTICE: Record<Language, MailText> = {
  en: {
    subject: 'Sign-in to your {{companyName}} account was locked',
    body: [
      'Hello {{name}},',
      '',
      'Sign-in to your account from other computers and phones is locked until {{until}}, after these attempts with a wrong password:',
      '',
      '  Failed attempts: {{tries}}',
      '  From: {{addresses}}',
      '  Between {{firstAt}} and {{lastAt}}',
      '',
      'None of them had the right password.',
      '',
      'The Switchboard app on the computers and phones where you signed in to this account before is not locked: you can still sign in there as usual.',
      '',
      'If it was you, sign in from one of your own devices, or wait until {{until}}.',
      'If it was not you, you need do nothing. If you think someone knows your password, change it in the app (Account > Password) and tell your administrator.',
    ].join('\n'),
  },
  es: {
    subject: 'Se bloqueó el inicio de sesión en su cuenta de {{companyName}}',
    body: [
      'Hola {{name}}:',
      '',
      'El inicio de sesión en su cuenta desde otros equipos y teléfonos está bloqueado hasta el {{until}}, después de estos intentos con una contraseña incorrecta:',
      '',
      '  Intentos fallidos: {{tries}}',
      '  Desde: {{addresses}}',
      '  Entre el {{firstAt}} y el {{lastAt}}',
      '',
      'Ninguno tenía la contraseña correcta.',
      '',
      'La aplicación Switchboard en los equipos y teléfonos donde ya inició sesión con esta cuenta no está bloqueada: puede seguir iniciando sesión allí como siempre.',
      '',
      'Si fue usted, inicie sesión desde uno de sus dispositivos o espere hasta el {{until}}.',
      'Si no fue usted, no tiene que hacer nada. Si cree que alguien conoce su contraseña, cámbiela en la aplicación (Cuenta > Contraseña) y avise al equipo de administración.',
    ].join('\n'),
  },
  fr: {
    subject: 'La connexion à votre compte {{companyName}} a été bloquée',
    body: [
      'Bonjour {{name}},',
      '',
      "La connexion à votre compte depuis d'autres ordinateurs et téléphones est bloquée jusqu'au {{until}}, après ces tentatives avec un mauvais mot de passe :",
      '',
      '  Tentatives échouées : {{tries}}',
      '  Depuis : {{addresses}}',
      '  Entre le {{firstAt}} et le {{lastAt}}',
      '',
      "Aucune n'avait le bon mot de passe.",
      '',
      "L'application Switchboard sur les ordinateurs et téléphones où vous avez déjà ouvert une session sur ce compte n'est pas bloquée : vous pouvez toujours vous y connecter comme d'habitude.",
      '',
      "Si c'était vous, connectez-vous depuis l'un de vos appareils, ou attendez le {{until}}.",
      "Si ce n'était pas vous, vous n'avez rien à faire. Si vous pensez que quelqu'un connaît votre mot de passe, changez-le dans l'application (Compte > Mot de passe) et prévenez l'administration de votre entreprise.",
    ].join('\n'),
  },
};

/** Placeholders: name, companyName, actor, action, template, kind, at, portalUrl. */
export const TEMPLATE_CHANGED_NOTICE: Record<Language, MailText> = {
  en: {
    subject: 'A security mail template of {{companyName}} was changed',
    body: [
      'Hello {{name}},',
      '',
      '{{actor}} {{action}} the email template “{{template}}” ({{kind}}) on {{at}}.',
      '',
      'Welcome, password reset and password recovery mails carry passwords and recovery codes, so only super administrators can change their templates.',
      'If you did not expect this change, look at the template in the admin console (Account > Email templates) and at the audit log, at {{portalUrl}}.',
    ].join('\n'),
  },
  es: {
    subject: 'Se cambió una plantilla de correo de seguridad de {{companyName}}',
    body: [
      'Hola {{name}}:',
      '',
      '{{actor}} {{action}} la plantilla de correo «{{template}}» ({{kind}}) el {{at}}.',
      '',
      'Los correos de bienvenida, restablecimiento y recuperación de contraseña llevan contraseñas y códigos de recuperación; por eso solo los superadministradores pueden cambiar sus plantillas.',
      'Si no esperaba este cambio, revise la plantilla en la consola de administración (Cuenta > Plantillas de correo electrónico) y el registro de auditoría, en {{portalUrl}}.',
    ].join('\n'),
  },
  fr: {
    subject: 'Un modèle de courriel de sécurité de {{companyName}} a été modifié',
    body: [
      'Bonjour {{name}},',
      '',
      '{{actor}} a {{action}} le modèle de courriel « {{template}} » ({{kind}}) le {{at}}.',
      '',
      'Les courriels de bienvenue, de réinitialisation et de récupération du mot de passe contiennent des mots de passe et des codes de récupération : seuls les super administrateurs peuvent donc modifier leurs modèles.',
      "Si vous n'attendiez pas ce changement, vérifiez le modèle dans la console d'administration (Compte > Modèles de courriel) et le journal d'audit, sur {{portalUrl}}.",
    ].join('\n'),
  },
};

/** What was done to the template, as the notice's sentence says it. */
export const TEMPLATE_ACTION_WORDS: Record<Language, Record<WriteAction, string>> = {
  en: { created: 'created', updated: 'changed', deleted: 'deleted' },
  es: { created: 'creó', updated: 'modificó', deleted: 'eliminó' },
  fr: { created: 'créé', updated: 'modifié', deleted: 'supprimé' },
};

/** The kinds of template, named as the admin console names them. */
export const TEMPLATE_KIND_NAMES: Record<Language, Record<EmailTemplateKind, string>> = {
  en: {
    welcome: 'Welcome email',
    'password-reset': 'Password reset',
    'password-recovery': 'Password recovery',
  },
  es: {
    welcome: 'Correo electrónico de bienvenida',
    'password-reset': 'Restablecimiento de contraseña',
    'password-recovery': 'Recuperación de contraseña',
  },
  fr: {
    welcome: 'Courriel de bienvenue',
    'password-reset': 'Réinitialisation du mot de passe',
    'password-recovery': 'Récupération du mot de passe',
  },
};
