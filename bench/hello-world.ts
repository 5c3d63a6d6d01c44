// The baseline server: bare Fastify, no plugins, no logger, one JSON route. Run as its own process
// by bench/run.ts; prints "hello-world listening at <address>" once it accepts connections.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`hello-world listening at ${address}\n`);

const stop = () => void app.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
