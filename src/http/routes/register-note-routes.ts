import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createNote } from '../../modules/notes/create-note.ts';
import { deleteNote } from '../../modules/notes/delete-note.ts';
import { findNotes, MAX_NOTE_PAGE } from '../../modules/notes/find-notes.ts';
import { NOTE_MAX_CHARS, type TNoteActor } from '../../modules/notes/note-shape.ts';
import { updateNote } from '../../modules/notes/update-note.ts';
import type { TAppEnv } from '../env.ts';
import { errorResponses, jsonResponse } from '../schemas.ts';
import { moreErrors, security } from './user-schemas.ts';

const common = { tags: ['accounts'], security };
const errors = { ...errorResponses, ...moreErrors.forbidden };
const when = z.string().openapi({ description: 'ISO 8601 timestamp' });

const ZNote = z
  .looseObject({
    id: z.string(),
    account_id: z.string(),
    body: z.string().openapi({ description: 'plain text with its line breaks; never HTML' }),
    is_pinned: z.boolean(),
    author: z
      .union([
        z.looseObject({
          type: z.literal('user'),
          id: z.string(),
          name: z.string().nullable(),
          email: z.string(),
        }),
        z.looseObject({ type: z.literal('api_key'), id: z.string(), name: z.string() }),
      ])
      .nullable()
      .openapi({
        description: 'the user or API key that wrote it; null when none was recorded or it was removed',
      }),
    created_at: when,
    updated_at: when,
    edited_at: when.nullable().openapi({ description: 'when the body last changed; null if never' }),
  })
  .openapi('Note');
const ZNotePage = z.looseObject({
  account_id: z.string(),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  notes: z.array(ZNote),
});

// The module normalises the body and names the field in errors; these schemas type it and document it.
const ZBody = z.string().openapi({
  description: `plain text, 1 to ${NOTE_MAX_CHARS} characters once trimmed; line breaks are kept`,
});
const ZNoteCreate = z.strictObject({ body: ZBody, is_pinned: z.boolean().optional() });
const ZNotePatch = z.strictObject({ body: ZBody.optional(), is_pinned: z.boolean().optional() });
const accountParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'the account' }),
});
const noteParams = accountParam.extend({
  note_id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'note_id', in: 'path' } }),
});
const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const list = createRoute({
  ...common,
  method: 'get',
  path: '/v1/accounts/{id}/notes',
  summary: "An account's notes, pinned first, then newest first",
  request: {
    params: accountParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(MAX_NOTE_PAGE).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: jsonResponse(ZNotePage, 'a page of notes with the total'), ...errors },
});
const create = createRoute({
  ...common,
  method: 'post',
  path: '/v1/accounts/{id}/notes',
  summary: 'Write a note on an account (csm and above); the caller is its author',
  request: { params: accountParam, ...jsonBody(ZNoteCreate) },
  responses: { 201: jsonResponse(ZNote, 'the note'), ...errors },
});
const update = createRoute({
  ...common,
  method: 'patch',
  path: '/v1/accounts/{id}/notes/{note_id}',
  summary: 'Reword a note (its author, a manager or an admin) or pin it (any csm)',
  request: { params: noteParams, ...jsonBody(ZNotePatch) },
  responses: { 200: jsonResponse(ZNote, 'the note'), ...errors },
});
const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/v1/accounts/{id}/notes/{note_id}',
  summary: 'Delete a note for good (its author, a manager or an admin)',
  request: { params: noteParams },
  responses: {
    200: jsonResponse(z.looseObject({ id: z.string(), deleted: z.literal(true) }), 'deleted'),
    ...errors,
  },
});

/** The signed-in user, or the API key of an integration: who writes, and whose rights apply. */
function actorOf(c: Context<TAppEnv>): TNoteActor {
  return { role: c.get('role'), userId: c.get('userId'), apiKeyId: c.get('apiKeyId') };
}

/** Account notes (issue 5, Account 360): CSMs write them; everyone who reads the account reads them. */
export function registerNoteRoutes(app: OpenAPIHono<TAppEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const result = await findNotes({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      limit: q.limit,
      offset: q.offset,
    });
    return c.json(result, 200);
  });
  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const note = await createNote({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: c.req.valid('param').id,
      body: body.body,
      isPinned: body.is_pinned,
      authorUserId: c.get('userId'),
      authorApiKeyId: c.get('apiKeyId'),
    });
    return c.json(note, 201);
  });
  app.openapi(update, async (c) => {
    const { id, note_id } = c.req.valid('param');
    const body = c.req.valid('json');
    const note = await updateNote({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: id,
      noteId: note_id,
      body: body.body,
      isPinned: body.is_pinned,
      actor: actorOf(c),
    });
    return c.json(note, 200);
  });
  app.openapi(remove, async (c) => {
    const { id, note_id } = c.req.valid('param');
    const result = await deleteNote({
      db: c.get('db'),
      workspaceId: c.get('workspaceId'),
      accountId: id,
      noteId: note_id,
      actor: actorOf(c),
    });
    return c.json(result, 200);
  });
}
