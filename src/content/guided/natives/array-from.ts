/** dom-accessibility-api ships ES5 polyfills; Chrome 120+ has the real thing (vite.config.ts aliases them here). */
export default Array.from;
