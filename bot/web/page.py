"""The page: Gradio Blocks for the chat, the sources panel and the Index tab.

The only public API endpoint is ``/ask`` (the same object as `bot ask --json`, plus the
``index_version`` that answered); every UI event is ``api_visibility="private"`` (Gradio 6's
replacement for ``show_api=False``): unlisted and not callable by gradio_client, though the page
itself still calls them over HTTP, so they must stay as harmless as the buttons they serve.
Article text is always escaped (render.py).
"""

from bot.web import render
from bot.web.chat import MAX_EXAMPLES, ChatApp

# The text box cuts a paste only far past the question limit, so that an over-long question gets the
# engine's error ("... characters long; the limit is 2,000"), as in the CLI, not a silent cut.
BOX_MAX_CHARS = 20_000
STATUS_REFRESH = 2.0  # seconds between updates of the line under the question box
# An over-long paste scrolls inside the box instead of pushing the chat off the screen.
BOX_MAX_LINES = 5
EMPTY_QUESTION = "Type a question first: the box is empty."

def build_ui(app: ChatApp):
    import gradio as gr

    private = {"api_visibility": "private"}
    with gr.Blocks(title="seedbot: ask the articles", analytics_enabled=False) as demo:
        turns = gr.State([])
        # Only an id: the turns stay on the server (sessions.py). A fixed key, so a browser holds one;
        # the secret is new at each start, so after a restart the old id reads as none.
        session = gr.BrowserState("", storage_key="seedbot-session")
        # "Sources", not "on the right": on a phone the panel is below the chat.
        gr.Markdown("## seedbot — ask the articles\nAnswers are sentences quoted verbatim from the "
                    "articles in the seeds folder; each [n] points to its passage under **Sources**.")
        with gr.Tabs():
            with gr.Tab("Chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(
                            label="Chat", show_label=False, height=520, buttons=["copy", "copy_all"], sanitize_html=True,
                            allow_tags=False, latex_delimiters=[], elem_id="chat",
                            placeholder="Ask a question about the articles.")
                        box = gr.Textbox(placeholder="Your question (Enter to send)",
                                         label="Question", show_label=False, submit_btn="Ask", autofocus=True,
                                         max_length=BOX_MAX_CHARS, max_lines=BOX_MAX_LINES, elem_id="question")
                        with gr.Row(elem_id="examples"):
                            examples = [gr.Button(visible=False, size="sm", variant="secondary")
                                        for _ in range(MAX_EXAMPLES)]
                        live_status = gr.Markdown(app.index_status(), elem_id="index-status")
                        clear = gr.Button("Clear chat", size="sm", variant="secondary", elem_id="clear")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(render.sources_html(None, {}), elem_id="sources",
                                          js_on_load=render.OPEN_AT_QUOTE)
            with gr.Tab("Index") as index_tab:
                summary = gr.Markdown(elem_id="index-summary")
                with gr.Row():
                    rebuild = gr.Button("Rebuild", variant="primary", elem_id="rebuild")
                    refresh = gr.Button("Refresh", elem_id="refresh")
                status = gr.Markdown(elem_id="rebuild-status")
                gr.Markdown("### Documents indexed")
                documents = gr.HTML(elem_id="documents", js_on_load=None)

        def rebuild_with_progress(progress=gr.Progress()):
            return app.rebuild(progress)

        def respond(question, state, session_id):
            if not (question or "").strip():  # said out loud, not a press that seems to do nothing
                gr.Warning(EMPTY_QUESTION)
            return app.respond(question, state, session_id)

        def select(state, event: gr.SelectData):
            shown = app.select(state, event)
            return gr.skip() if shown is None else shown

        def like(state, event: gr.LikeData):
            if message := app.feedback(state, event):
                gr.Info(message)

        box.submit(respond, [box, turns, session], [box, chat, turns, sources], **private).then(
            app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        for button in examples:  # a click asks it
            button.click(app.respond, [button, turns, session], [box, chat, turns, sources], **private)
        chat.select(select, [turns], [sources], **private)
        chat.like(like, [turns], None, **private)
        for event in (clear.click, chat.clear):
            event(app.clear, [session], [chat, turns, sources], **private)
        rebuild.click(rebuild_with_progress, None, [status, summary, documents], concurrency_limit=1, **private).then(
            app.example_buttons, None, examples, show_progress="hidden", **private)
        # Refreshed, the panel is the build now served: a "Rebuilt: ..." message from before goes.
        refresh.click(lambda: ("", *app.index_panel()), None, [status, summary, documents], **private)
        # The Index tab is hidden when the page loads: a progress overlay put on its parts then was
        # never cleared (grey, with a timer running). Fill it quietly, and again when it is opened.
        demo.load(app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        index_tab.select(app.index_panel, None, [summary, documents], show_progress="hidden", **private)
        demo.load(app.example_buttons, None, examples, show_progress="hidden", **private)
        demo.load(app.resume, [session], [session, chat, turns, sources], show_progress="hidden", **private)
        # When the index last changed and what changed: the folder is rebuilt as it changes (live.py).
        # And the example questions with it: made once per build, so an open page never offers one about
        # a name an edit took out of the articles.
        gr.Timer(STATUS_REFRESH).tick(lambda: (app.index_status(), *app.example_buttons()), None,
                                      [live_status, *examples], show_progress="hidden", **private)
        gr.api(app.ask, api_name="ask")
    return demo
