/** The one error shape of every HTTP answer, the API's and a room's refused upgrade: `{ error: { code, message, field? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export const errorBody = (code: string, message: string, field?: string): ErrorBody => ({
  error: field === undefined ? { code, message } : { code, message, field },
});

export const errorResponse = (status: number, code: string, message: string, field?: string): Response =>
  Response.json(errorBody(code, message, field), { status });
