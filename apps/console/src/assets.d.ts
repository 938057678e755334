// esbuild bundles the CSS a module imports into the console's stylesheet.
declare module '*.css';
