/** Supabase clients: the anon role for public data, the caller's JWT so RLS applies, the service role for trusted server work. */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { config } from './config';

function client(apiKey: string, bearer: string): SupabaseClient {
  return createClient(config.supabaseUrl, apiKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { Authorization: `Bearer ${bearer}` } },
    // Node 20 has no global WebSocket; supabase-js needs one even when realtime is unused.
    realtime: { transport: WebSocket as never },
  });
}

export const anonDb = () => client(config.anonKey, config.anonKey);
export const userDb = (token: string) => client(config.anonKey, token);
export const serviceDb = () => client(config.serviceRoleKey, config.serviceRoleKey);
