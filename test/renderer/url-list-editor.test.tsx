import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { parseUrlList } from '../../src/common/url-list.ts'
import { UrlListEditor } from '../../src/renderer/src/components/UrlListEditor.tsx'
import { countUnsplash, urlsForSettings } from '../../src/renderer/src/state/url-text.ts'

function Editor({ initial }: { initial: string }) {
  const [text, setText] = useState(initial)
  return <UrlListEditor text={text} parsed={parseUrlList(text)} onChange={setText} />
}

describe('UrlListEditor', () => {
  it('counts the URLs to download', () => {
    render(<Editor initial={'https://a.example/1.jpg\n\n# a comment\nhttps://a.example/2.jpg'} />)
    expect(screen.getByText(/to download/)).toHaveTextContent('2 URLs to download')
    expect(screen.queryByRole('list', { name: 'Invalid lines' })).not.toBeInTheDocument()
  })

  it('shows each invalid line with its number and why, as the user types', async () => {
    const user = userEvent.setup()
    render(<Editor initial="https://a.example/1.jpg" />)
    const textarea = screen.getByLabelText('Image URLs, one a line')
    await user.type(textarea, '{Enter}ftp://files.example/2.jpg{Enter}not a url')
    const problems = screen.getByRole('list', { name: 'Invalid lines' })
    expect(problems).toHaveTextContent('Line 2')
    expect(problems).toHaveTextContent('ftp://files.example/2.jpg')
    expect(problems).toHaveTextContent('ftp: URLs are not downloaded; use http or https')
    expect(problems).toHaveTextContent('Line 3')
    expect(problems).toHaveTextContent('not a URL')
    expect(screen.getByText(/to download/)).toHaveTextContent(
      '1 URL to download · 2 invalid lines (skipped)'
    )
    expect(textarea).toHaveAttribute('aria-invalid', 'true')
  })

  it('says how many repeats it keeps once', () => {
    render(<Editor initial={'https://a.example/1.jpg\nhttps://a.example/1.jpg'} />)
    expect(screen.getByText(/to download/)).toHaveTextContent(
      '1 URL to download · 1 repeat kept once'
    )
  })

  it('imports a text file', async () => {
    render(<Editor initial="" />)
    const file = new File(['https://b.example/x.jpg\nhttps://b.example/y.jpg\n'], 'list.txt', {
      type: 'text/plain'
    })
    fireEvent.change(screen.getByTestId('url-file'), { target: { files: [file] } })
    await waitFor(() =>
      expect(screen.getByText(/to download/)).toHaveTextContent('2 URLs to download')
    )
    expect(screen.getByLabelText('Image URLs, one a line')).toHaveValue(
      'https://b.example/x.jpg\nhttps://b.example/y.jpg\n'
    )
  })

  it('puts the tutorial’s 15 back', async () => {
    render(<Editor initial="" />)
    await userEvent.click(screen.getByRole('button', { name: 'Tutorial’s 15' }))
    expect(screen.getByText(/to download/)).toHaveTextContent('15 URLs to download')
  })
})

describe('url text', () => {
  it('keeps the user’s non-blank lines for the settings, invalid ones too', () => {
    expect(urlsForSettings(' https://a.example/1 \n\nnot a url\n# note\n')).toEqual([
      'https://a.example/1',
      'not a url',
      '# note'
    ])
  })

  it('counts the images.unsplash.com URLs the size choice applies to', () => {
    expect(
      countUnsplash(['https://images.unsplash.com/photo-1', 'https://example.com/2.jpg'])
    ).toBe(1)
  })
})
