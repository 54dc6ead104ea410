/**
 * A run's task records kept in columns (src/engine/task-table.ts): each TaskRecord, made when
 * it is read, is what the run's events said of its task, with the fields in the order
 * `--json` has always printed them.
 */
import { describe, expect, it } from 'vitest'
import { TaskTable } from '../../src/engine/task-table.ts'

describe('the task table', () => {
  it('gives each task the record its run made of it, and the totals over them', () => {
    const urls = ['https://a.example/1.jpg', 'https://a.example/2.jpg', 'https://a.example/3.jpg']
    const table = new TaskTable([...urls, 'not-started', 'never-settled'])
    table.start(0, 1.5, 2)
    table.setBytes(0, 5_000_000_000)
    table.settle(0, 'done', 20.25, { file: '/out/1.jpg', message: 'replaced the earlier 1.jpg' })
    table.start(1, 2, 0)
    table.setBytes(1, 10)
    table.settle(1, 'failed', 30, { error: { code: 'http_404', message: 'HTTP 404' } })
    table.start(2, 3, 1)
    table.settle(2, 'cancelled', 31, { error: { code: 'cancelled', message: 'cancelled' } })
    table.settle(3, 'cancelled', null, { error: { code: 'cancelled', message: 'cancelled' } })

    expect(table.records()).toStrictEqual([
      {
        taskId: 0,
        label: urls[0],
        status: 'done',
        bytes: 5_000_000_000,
        startMs: 1.5,
        endMs: 20.25,
        lane: 2,
        file: '/out/1.jpg',
        message: 'replaced the earlier 1.jpg'
      },
      {
        taskId: 1,
        label: urls[1],
        status: 'failed',
        bytes: 10,
        startMs: 2,
        endMs: 30,
        lane: 0,
        error: { code: 'http_404', message: 'HTTP 404' }
      },
      {
        taskId: 2,
        label: urls[2],
        status: 'cancelled',
        bytes: 0,
        startMs: 3,
        endMs: 31,
        lane: 1,
        error: { code: 'cancelled', message: 'cancelled' }
      },
      {
        taskId: 3,
        label: 'not-started',
        status: 'cancelled',
        bytes: 0,
        startMs: null,
        endMs: null,
        lane: null,
        error: { code: 'cancelled', message: 'cancelled' }
      },
      {
        taskId: 4,
        label: 'never-settled',
        status: 'queued',
        bytes: 0,
        startMs: null,
        endMs: null,
        lane: null
      }
    ])
    // The order `download --json` has always printed a task's fields in.
    expect(Object.keys(table.record(0))).toEqual([
      'taskId',
      'label',
      'status',
      'bytes',
      'startMs',
      'endMs',
      'lane',
      'file',
      'message'
    ])
    expect([table.count('done'), table.count('failed'), table.count('cancelled')]).toEqual([
      1, 1, 2
    ])
    expect(table.count('queued')).toBe(1)
    // Only what is done counts: the failed task's 10 bytes do not.
    expect(table.doneBytes()).toBe(5_000_000_000)
    expect([table.has(4), table.has(5), table.has(-1), table.has(0.5)]).toEqual([
      true,
      false,
      false,
      false
    ])
  })
})
