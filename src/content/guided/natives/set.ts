/** dom-accessibility-api ships an ES5 Set polyfill; Chrome 120+ has the real thing (vite.config.ts aliases it here). */
export default Set;
