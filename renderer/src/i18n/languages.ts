export * from '../../../common/i18n/languages';
