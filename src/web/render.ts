// Temporary: the flows' pages still import sendPage from here. It lives in app/render-page.ts (a
// reply is Fastify's, and Fastify stays in app/ and the api/pages files); the flows/methods
// restructuring points those imports there and deletes this file.
export { sendPage } from '../app/render-page.js';
