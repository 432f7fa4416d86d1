// Screens saved for a person to look at, and checked for what a person would see as broken.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../common/i18n/en';
import { es } from '../../common/i18n/es';
import { screenshot, seriousAccessibilityProblems } from './browser-host';
import type { ControlClient } from './control-client';

/**
 * Saves the screen as `name` and fails on a page wider than the window (sideways scrolling) or
 * a serious or critical accessibility finding.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshotWholePage(page, name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
  expect(await seriousAccessibilityProblems(page), name).toEqual([]);
}

/**
 * Saves the page as a window tall enough for all of it shows it: a full-page capture of the
 * window as it is paints sticky bars (the compact window's navigation) across the middle, and
 * misses what is below the fold of the wide layout's main area (it scrolls, not the page).
 */
export async function screenshotWholePage(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    // Only a main area that scrolls hides content from the page's own height; in the compact
    // layout the page scrolls and its height already holds all of main.
    const scrolls = main !== null && ['auto', 'scroll'].includes(getComputedStyle(main).overflowY);
    return document.documentElement.scrollHeight + (scrolls ? main.scrollHeight - main.clientHeight : 0);
  });
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/**
 * Checks what `page` shows at each width (the compact window, a narrow phone-sized one, and the
 * wide one), saved as `<name>-<width>`; the window is left at its first size.
 */
export async function checkAtWidths(page: Page, name: string, widths = [360, 400, 1280]): Promise<void> {
  const first = page.viewportSize()!;
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    await checkScreen(page, `${name}-${width}`);
  }
  await page.setViewportSize(first);
}

const LANGUAGES = { en, es } as const;
const HEIGHT = { 360: 720, 1280: 800 } as const;

/**
 * Checks the phone screen as `page` shows it now in light and dark, English and Spanish,
 * 360 px and 1280 px wide, saved as `<name>-<theme>-<width>-<language>`. The variants are
 * switched in place (the OS colour scheme, the app's language setting through `control`, the
 * window size), so a live call stays in the state it is in; the page is left in English, light,
 * 1280 px. The app's theme and language settings must be "system" (their default).
 */
export async function checkPhoneVariants(page: Page, control: ControlClient, name: string): Promise<void> {
  for (const language of ['en', 'es'] as const) {
    await showLanguage(page, control, language);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, theme);
      for (const width of [360, 1280] as const) {
        await page.setViewportSize({ width, height: HEIGHT[width] });
        await checkScreen(page, `${name}-${theme}-${width}-${language}`);
      }
    }
  }
  await showLanguage(page, control, 'en');
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Sets the app's language ("system" for English: the browser's is en-US) and waits for the phone screen to show it. */
async function showLanguage(page: Page, control: ControlClient, language: 'en' | 'es'): Promise<void> {
  await control.value('settings:update', { language: language === 'en' ? 'system' : language });
  await page
    .getByRole('heading', { level: 1, name: LANGUAGES[language].shell.nav.phone, exact: true })
    .waitFor();
}

export interface ScreenVariant {
  language: 'en' | 'es';
  theme: 'light' | 'dark';
  width: 360 | 1280;
}

/** Every screen is looked at in each of these: light and dark, English and Spanish, compact and wide. */
export const SCREEN_VARIANTS: ScreenVariant[] = (['en', 'es'] as const).flatMap((language) =>
  (['light', 'dark'] as const).flatMap((theme) =>
    ([360, 1280] as const).map((width) => ({ language, theme, width })),
  ),
);

export const variantName = ({ language, theme, width }: ScreenVariant) =>
  `${language}, ${theme}, ${width} px`;
export const variantSuffix = ({ language, theme, width }: ScreenVariant) => `${theme}-${width}-${language}`;

/**
 * A fresh browser context as a person of `variant` would have it (window size, OS colour scheme
 * and language), its page, the app's texts in that language, and the page's uncaught errors.
 */
export async function openVariant(browser: Browser, variant: ScreenVariant) {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: variant.width, height: HEIGHT[variant.width] },
    colorScheme: variant.theme,
    locale: variant.language === 'es' ? 'es-ES' : 'en-US',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  return { context, page, problems, text: LANGUAGES[variant.language] };
}
