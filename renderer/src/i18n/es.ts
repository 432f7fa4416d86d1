import type { Messages } from './messages';

export const es: Messages = {
  app: {
    name: 'Switchboard',
    loading: 'Cargando Switchboard',
  },
  signIn: {
    title: 'Iniciar sesión',
    lead: 'Use su número de extensión o su correo electrónico y su contraseña.',
    login: 'Extensión o correo electrónico',
    password: 'Contraseña',
    asAdministrator: 'Iniciar sesión como administrador',
    remember: 'Mantener la sesión iniciada en este equipo',
    elevatedNotRemembered:
      'Un inicio de sesión de administrador nunca se conserva: termina tras unos minutos de inactividad.',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
  },
  firstRun: {
    title: 'Su oficina está lista',
    lead: 'Switchboard creó su oficina en este equipo y usted es su superadministrador.',
    email: 'Correo electrónico',
    password: 'Contraseña temporal',
    copy: 'Copiar',
    copied: 'Copiada',
    onlyOnce: 'Esta contraseña se muestra solo esta vez. Cópiela ahora: elegirá la suya al iniciar sesión.',
    next: 'Después, inicie sesión como administrador con este correo y esta contraseña, y agregue a sus compañeros.',
    continue: 'Continuar a iniciar sesión',
  },
  home: {
    greeting: 'Hola, {{name}}',
    extension: 'Su extensión es la {{extension}}.',
    noExtension: 'Todavía no tiene extensión.',
    elevated: 'Ha iniciado sesión como administrador.',
    signOut: 'Cerrar sesión',
  },
  errors: {
    invalidCredentials:
      'La extensión o el correo y la contraseña no coinciden. Revíselos e inténtelo de nuevo.',
    accountLocked:
      'Demasiados intentos fallidos. Espere unos minutos o pida a un administrador que desbloquee su cuenta.',
    accountSuspended: 'Su cuenta está suspendida. Consulte a un administrador.',
    portalAccessDisabled:
      'El inicio de sesión web está desactivado para su cuenta. Pida a un administrador que lo active.',
    scopeNotAllowed:
      'Esta cuenta no tiene derechos de administrador. Inicie sesión sin «Iniciar sesión como administrador».',
    offline:
      'No se puede conectar con el servidor de la oficina. Revise su red; Switchboard lo sigue intentando.',
    tooManyRequests: 'Demasiados intentos desde este equipo. Espere unos minutos e inténtelo de nuevo.',
    keyringUnavailable:
      'Este equipo no tiene un llavero utilizable, así que Switchboard no puede mantener su sesión de forma segura.',
    unexpected: 'Algo salió mal. Inténtelo de nuevo; si sigue ocurriendo, avise a su administrador.',
  },
};
