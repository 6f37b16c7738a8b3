/** The demo accounts' password in tests (the published demo password). */
export const DEMO_PASSWORD = 'tandem-demo-2026';
