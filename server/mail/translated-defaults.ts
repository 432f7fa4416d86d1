import type { EmailTemplateKind } from '../../common/api/directory';
import type { Language } from '../../common/api/preferences';
import type { MailText } from './mailer';

/**
 * The default templates in the office's other languages. The English ones are the rows in
 * email_templates (DEFAULT_EMAIL_TEMPLATES); while an admin has not changed a default, a user
 * whose language is one of these gets it in theirs. Same placeholders as the English.
 */
export const TRANSLATED_DEFAULTS: Record<Exclude<Language, 'en'>, Record<EmailTemplateKind, MailText>> = {
  es: {
    welcome: {
      subject: 'Bienvenido a {{companyName}}: su extensión {{extension}}',
      body: [
        'Hola {{name}}:',
        '',
        'Su extensión telefónica en {{companyName}} es {{extension}}.',
        'Inicie sesión en el portal de Switchboard en {{portalUrl}} con su extensión o su correo electrónico.',
        '',
        'Contraseña temporal: {{temporaryPassword}}',
        '',
        'Se le pedirá que elija su propia contraseña la primera vez que inicie sesión.',
      ].join('\n'),
    },
    'password-reset': {
      subject: 'Se ha restablecido su contraseña del portal de {{companyName}}',
      body: [
        'Hola {{name}}:',
        '',
        'Un administrador restableció la contraseña de su extensión {{extension}}.',
        'Inicie sesión en {{portalUrl}} con esta contraseña temporal: {{temporaryPassword}}',
        '',
        'Se le pedirá que elija una contraseña nueva al iniciar sesión.',
      ].join('\n'),
    },
    'password-recovery': {
      subject: 'Restablezca su contraseña del portal de {{companyName}}',
      body: [
        'Hola {{name}}:',
        '',
        'Alguien pidió restablecer la contraseña de su cuenta. Si fue usted, use este código: {{code}}',
        'o abra {{link}}',
        '',
        'El código sirve una sola vez y caduca en {{minutes}} minutos. Si no lo pidió, ignore este correo.',
      ].join('\n'),
    },
  },
  fr: {
    welcome: {
      subject: 'Bienvenue chez {{companyName}} : votre poste {{extension}}',
      body: [
        'Bonjour {{name}},',
        '',
        'Votre poste téléphonique chez {{companyName}} est le {{extension}}.',
        'Connectez-vous au portail Switchboard sur {{portalUrl}} avec votre numéro de poste ou votre adresse e-mail.',
        '',
        'Mot de passe temporaire : {{temporaryPassword}}',
        '',
        'Vous devrez choisir votre propre mot de passe lors de votre première connexion.',
      ].join('\n'),
    },
    'password-reset': {
      subject: 'Votre mot de passe du portail {{companyName}} a été réinitialisé',
      body: [
        'Bonjour {{name}},',
        '',
        'Un administrateur a réinitialisé le mot de passe de votre poste {{extension}}.',
        'Connectez-vous sur {{portalUrl}} avec ce mot de passe temporaire : {{temporaryPassword}}',
        '',
        'Vous devrez choisir un nouveau mot de passe à la connexion.',
      ].join('\n'),
    },
    'password-recovery': {
      subject: 'Réinitialisez votre mot de passe du portail {{companyName}}',
      body: [
        'Bonjour {{name}},',
        '',
        "Quelqu'un a demandé à réinitialiser le mot de passe de votre compte. Si c'est vous, utilisez ce code : {{code}}",
        'ou ouvrez {{link}}',
        '',
        "Le code ne sert qu'une fois et expire dans {{minutes}} minutes. Si vous n'avez rien demandé, ignorez ce message.",
      ].join('\n'),
    },
  },
};

/** The notice of a new voicemail message (built in: admins do not edit it). */
export const VOICEMAIL_NOTICE: Record<Language, MailText> = {
  en: {
    subject: 'New voicemail from {{caller}}',
    body: [
      'Hello {{name}},',
      '',
      '{{caller}} left you a voicemail message of {{seconds}} seconds on {{receivedAt}}.',
      'Listen to it in the Switchboard app or at {{portalUrl}}.',
    ].join('\n'),
  },
  es: {
    subject: 'Nuevo mensaje de voz de {{caller}}',
    body: [
      'Hola {{name}}:',
      '',
      '{{caller}} le dejó un mensaje de voz de {{seconds}} segundos el {{receivedAt}}.',
      'Escúchelo en la aplicación Switchboard o en {{portalUrl}}.',
    ].join('\n'),
  },
  fr: {
    subject: 'Nouveau message vocal de {{caller}}',
    body: [
      'Bonjour {{name}},',
      '',
      '{{caller}} vous a laissé un message vocal de {{seconds}} secondes le {{receivedAt}}.',
      "Écoutez-le dans l'application Switchboard ou sur {{portalUrl}}.",
    ].join('\n'),
  },
};
