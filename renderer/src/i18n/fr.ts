import type { Messages } from './messages';

export const fr: Messages = {
  app: {
    name: 'Switchboard',
    loading: 'Chargement de Switchboard',
  },
  signIn: {
    title: 'Se connecter',
    lead: 'Utilisez votre numéro de poste ou votre courriel et votre mot de passe.',
    login: 'Poste ou courriel',
    password: 'Mot de passe',
    asAdministrator: 'Se connecter en tant qu’administrateur',
    remember: 'Rester connecté sur cet ordinateur',
    elevatedNotRemembered:
      'Une connexion administrateur n’est jamais conservée : elle prend fin après quelques minutes d’inactivité.',
    submit: 'Se connecter',
    submitting: 'Connexion…',
  },
  firstRun: {
    title: 'Votre bureau est prêt',
    lead: 'Switchboard a créé votre bureau sur cet ordinateur et vous en êtes le super administrateur.',
    email: 'Courriel',
    password: 'Mot de passe temporaire',
    copy: 'Copier',
    copied: 'Copié',
    onlyOnce:
      'Ce mot de passe n’est affiché qu’une seule fois. Copiez-le maintenant : vous choisirez le vôtre à la connexion.',
    next: 'Ensuite, connectez-vous en tant qu’administrateur avec ce courriel et ce mot de passe, puis ajoutez vos collègues.',
    continue: 'Continuer vers la connexion',
  },
  home: {
    greeting: 'Bonjour, {{name}}',
    extension: 'Votre poste est le {{extension}}.',
    noExtension: 'Vous n’avez pas encore de poste.',
    elevated: 'Vous êtes connecté en tant qu’administrateur.',
    signOut: 'Se déconnecter',
  },
  errors: {
    invalidCredentials:
      'Le poste ou le courriel et le mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
    accountLocked:
      'Trop de tentatives échouées. Patientez quelques minutes ou demandez à un administrateur de débloquer votre compte.',
    accountSuspended: 'Votre compte est suspendu. Adressez-vous à un administrateur.',
    portalAccessDisabled:
      'La connexion au portail est désactivée pour votre compte. Demandez à un administrateur de l’activer.',
    scopeNotAllowed:
      'Ce compte n’a pas de droits d’administrateur. Connectez-vous sans « Se connecter en tant qu’administrateur ».',
    offline: 'Le serveur du bureau est injoignable. Vérifiez votre réseau ; Switchboard réessaie.',
    tooManyRequests: 'Trop de tentatives depuis cet ordinateur. Patientez quelques minutes et réessayez.',
    keyringUnavailable:
      'Cet ordinateur n’a pas de trousseau utilisable : Switchboard ne peut pas garder votre session en sécurité.',
    unexpected: 'Un problème est survenu. Réessayez ; si cela continue, prévenez votre administrateur.',
  },
};
