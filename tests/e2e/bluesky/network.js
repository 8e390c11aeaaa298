// A real AT Protocol network (PLC directory + PDS + AppView from @atproto/dev-env) for
// Community Desk's tests, plus a small control endpoint on 127.0.0.1 so Python tests can act as
// other people and wait for the AppView deterministically.
//
// Needs DB_POSTGRES_URL (a throwaway PostgreSQL). Prints ONE JSON line on stdout when ready:
//   {"plc": URL, "pds": URL, "appview": URL, "control": URL}
// Stops cleanly on SIGTERM / SIGINT. Never prints tokens or passwords.
//
// Control endpoint: POST /<action> with a JSON body, answers JSON ({"error": ...} and 400 on
// failure).
//   account   {handle}                       -> {handle, did, appPassword}
//   post      {as, text, replyTo?, quote?}   -> {uri, cid}   (mentions in text become facets)
//   processAll {}                            -> {}           (AppView has indexed everything)
//   revoke    {refreshJwt}                   -> {}           (deleteSession with that token)
//   record    {uri}                          -> {uri, cid, value}
//   records   {did, collection}              -> {records: [{uri, cid, value}]}
'use strict'

const http = require('node:http')
const crypto = require('node:crypto')
const { TestNetwork } = require('@atproto/dev-env')
const { AtpAgent, RichText } = require('@atproto/api')

async function main() {
  process.env.REDIS_HOST = process.env.REDIS_HOST || 'unused' // required by dev-env, never used
  const network = await TestNetwork.create({
    dbPostgresUrl: process.env.DB_POSTGRES_URL,
    dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA || 'community_desk',
  })
  const pdsUrl = network.pds.url
  const agents = new Map() // handle -> logged-in agent (main password), to act as that person

  async function agentFor(handle) {
    const agent = agents.get(handle)
    if (!agent) throw new Error(`unknown account ${handle}`)
    return agent
  }

  async function strongRef(agent, uri) {
    const [, , repo, collection, rkey] = uri.split('/')
    const res = await agent.com.atproto.repo.getRecord({ repo, collection, rkey })
    return { uri: res.data.uri, cid: res.data.cid, value: res.data.value }
  }

  const actions = {
    async account({ handle }) {
      const agent = new AtpAgent({ service: pdsUrl })
      const password = crypto.randomBytes(12).toString('hex')
      const local = handle.split('.')[0]
      await agent.createAccount({ handle, email: `${local}@example.test`, password })
      agents.set(handle, agent)
      await agent.app.bsky.actor.profile.create(
        { repo: agent.session.did },
        { displayName: `${local} (test)`, createdAt: new Date().toISOString() },
      )
      const app = await agent.com.atproto.server.createAppPassword({ name: 'community-desk' })
      await network.processAll() // the AppView knows the account and its profile
      return { handle, did: agent.session.did, appPassword: app.data.password }
    },

    async post({ as, text, replyTo, quote }) {
      const agent = await agentFor(as)
      const rt = new RichText({ text })
      await rt.detectFacets(agent)
      const record = { text: rt.text, facets: rt.facets, createdAt: new Date().toISOString() }
      if (replyTo) {
        const parent = await strongRef(agent, replyTo)
        const root = parent.value.reply ? parent.value.reply.root : { uri: parent.uri, cid: parent.cid }
        record.reply = { root, parent: { uri: parent.uri, cid: parent.cid } }
      }
      if (quote) {
        const quoted = await strongRef(agent, quote)
        record.embed = { $type: 'app.bsky.embed.record', record: { uri: quoted.uri, cid: quoted.cid } }
      }
      const res = await agent.post(record)
      return { uri: res.uri, cid: res.cid }
    },

    async processAll() {
      await network.processAll()
      return {}
    },

    async revoke({ refreshJwt }) {
      const res = await fetch(`${pdsUrl}/xrpc/com.atproto.server.deleteSession`, {
        method: 'POST',
        headers: { authorization: `Bearer ${refreshJwt}` },
      })
      if (!res.ok) throw new Error(`deleteSession answered ${res.status}`)
      return {}
    },

    async record({ uri }) {
      const agent = new AtpAgent({ service: pdsUrl })
      return strongRef(agent, uri)
    },

    async records({ did, collection }) {
      const agent = new AtpAgent({ service: pdsUrl })
      const res = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100 })
      return { records: res.data.records }
    },
  }

  const control = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => { body += chunk })
    req.on('end', async () => {
      const name = (req.url || '/').slice(1)
      const action = req.method === 'POST' && Object.hasOwn(actions, name) ? actions[name] : null
      let status = 200
      let answer
      try {
        if (!action) throw new Error(`no action ${name}`)
        answer = await action(body ? JSON.parse(body) : {})
      } catch (err) {
        status = 400
        answer = { error: String((err && err.message) || err).slice(0, 300) }
      }
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer))
    })
  })
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve))

  const urls = {
    plc: network.plc.url,
    pds: pdsUrl,
    appview: network.bsky.url,
    control: `http://127.0.0.1:${control.address().port}`,
  }
  process.stdout.write(JSON.stringify(urls) + '\n')

  let closing = false
  const stop = async () => {
    if (closing) return
    closing = true
    control.close()
    try {
      await network.close()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  process.stderr.write(`network.js: ${(err && err.stack) || err}\n`)
  process.exit(1)
})
